-- GET the URL given to wrk as a browser opening the page does, with the session cookie.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
wrk.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
