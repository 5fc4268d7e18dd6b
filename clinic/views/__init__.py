"""The clinician's pages: one module per area (patients and their care, and what comes next)."""
