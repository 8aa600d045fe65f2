// Imported first by tests that watch a run page by page: the engine reads SYNC_PAGE_SIZE when it loads.
process.env.SYNC_PAGE_SIZE = '4';
