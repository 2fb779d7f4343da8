"""Staff identity (issue 14 §1): the hall's signed roster, offline log-in with lock-out, sessions, the offline limit
and its supervisor override (`service.py`); see docs/staff.md."""
