"""The item catalog (政务服务事项目录) on the terminal: guides and browsing (`service`), search (`search`), opening and
replacing the mirror (`mirror`), bundle import and validation (`bundle`), signed updates from the platform
(`updates`), working-day calendars (`workdays`).

Contract: may import records, forms, identity, model; never apply, devices, sync (the app domain) or ui.
"""
