"""Images: the notes' image tokens in; the found pictures carried into the site
as assets, a warning (file:line) for each missing one."""
