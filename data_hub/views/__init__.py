"""The data hub's pages, by area: exploring (explore), releases, imports, groups, and the API."""
