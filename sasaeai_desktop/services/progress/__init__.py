"""Municipalities' progress: the status per 年度, regions, the status survey round trip, the
dashboards and the files they print."""
