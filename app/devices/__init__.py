"""The terminal's device services: card reads (`cards`), receipt printing and its spool (`printing`), scanning
(`scanning`), A4 receipt PDFs (`pdf`), the registry of device kinds (`registry`) and the devices' words (`messages`).
"""
