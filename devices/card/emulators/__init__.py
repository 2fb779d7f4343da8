"""Emulators that speak the real wire: a GA 467 reader on a pseudo-terminal and a social security card behind
pcscd's vpcd. Used by tests, benchmarks and the demo; never part of a production configuration."""
