"""The 研修 page: the event list (page), each event's detail tabs, the reception desk (checkin_desk)."""
