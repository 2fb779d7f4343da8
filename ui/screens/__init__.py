"""The kiosk's screens. Each builds alone from its services (tests give them fakes) and knows how to reset itself."""
