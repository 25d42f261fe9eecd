-- wrk script for unauthenticated GETs (the /healthz ceiling).
dofile("bench/report.lua")
