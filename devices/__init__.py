"""Device drivers and their wire-level emulators: ID-card readers (GA 467 serial, PC/SC), ESC/POS receipt printers,
document scanners. GUI-free; each kind is a small interface with a simulated driver."""
