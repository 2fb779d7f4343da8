"""The item catalog (政务服务事项目录) on the terminal: search and guides (`service`), bundle import and validation
(`bundle`), signed updates from the platform (`updates`), working-day calendars (`workdays`).

Contract: may import records, forms, identity, model; never apply, devices, sync (the app domain) or ui.
"""
