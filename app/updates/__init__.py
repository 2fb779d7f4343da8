"""Software updates of the terminal itself: signed USB bundles (TUF metadata around the .deb), their check, apply and
rollback (`yunban update …`)."""
