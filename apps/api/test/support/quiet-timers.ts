// Jest's setupFiles, run in each test file before it loads. The alert scan's timer (every 15 s of
// real time) reads every office of the database that has someone waiting. On PostgreSQL one
// worker's files share one database (postgres-global-setup.ts), so a file's app read other files'
// offices whenever the timer fired, and a file counting its statements or snapshot reads saw them
// (stop 22's CI failure). Off unless a file sets it: a test calls `AlertsService.scan` itself, and
// the event-started scans (SUPERVISION_REACT_MS) read only the office whose ticket moved.
process.env.SUPERVISION_SCAN_SECONDS ??= '0';
