"""Qt item models over rows that services return (never ORM objects)."""
