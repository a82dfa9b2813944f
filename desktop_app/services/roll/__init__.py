"""The roll of every estate: rooms, owners and residents, their import, export and order."""
