"""Qt Widgets user interface: the kiosk shell, screens, widgets and the adapter that turns service events into
Qt signals. Screens get services from `app` through constructors and never touch SQL, sockets or device handles."""
