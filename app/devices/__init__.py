"""The terminal's device services: card reading (`cards`), receipt printing and its spool (`printing`), scanning
(`scanning`), receipt PDFs (`pdf`), and the registry that lists every configured device (`registry`).

Contract: drivers come from `devices/`; screens reach these only through ports.
"""
