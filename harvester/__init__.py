"""Harvesters: fetch the configured sources politely and store their documents."""
