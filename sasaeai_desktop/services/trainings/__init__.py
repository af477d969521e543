"""Training events (研修): events and their 日程 (events), who is typed (person_match), registrations,
check-in (受付), survey (事後アンケート), group_work, certificates (who completes, numbers), coverage;
and their files: sign-up and attendance imports, attendance export, printouts (prints)."""
