"""What every import of a file shares, whatever it imports: reading an upload, showing its
columns and problems on a page, and the steps of the ``rotaplan import-*`` commands."""
