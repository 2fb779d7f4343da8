"""First-boot provisioning (technician): division, platform enrollment, device checks and the technician's own
credential, shared by `yunban provision` and the provisioning screen."""
