"""Sync with the provincial platform: the protocol, the client, the outbox delivery loop, catalog updates, and the
reference platform server that tests, the demo and pilots talk to over loopback HTTP."""
