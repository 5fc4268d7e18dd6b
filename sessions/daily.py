"""Each patient's best per exercise and day (``DailyBest``), kept up to date by the database.

The history charts draw the highest target and the best done of each day (or week). Reading
those from every set log costs more the longer the history; reading one row per exercise and
day costs the same at ten sets and at a hundred thousand.

A trigger on the set log's insert (migration ``0008_daily_best_trigger``) folds each new set
into its row inside the insert itself: an insert, or on a clash the greater of the stored and
the new number, field by field. So storing a set stays one statement, it is safe under
concurrent requests, a retry changes nothing, a set that arrives late (after its session
finished, from the offline queue) still lands on its session's day, and sets loaded in bulk
are counted too. Skipped sets are not counted, as the charts leave them out.
"""

NUMBERS = ("target_seconds", "held_seconds", "target_reps", "reps_done")
