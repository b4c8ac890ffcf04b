"""Opvangregie: regional coordination of reception places."""
