"""The counter workspace (一窗受理, issue 14 §2): the queue of today's work, decisions and their review; see
docs/counter-workspace.md."""
