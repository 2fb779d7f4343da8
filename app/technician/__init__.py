"""The technician's diagnostics and actions on one terminal (维护): device checks, test prints, sync, reprint."""
