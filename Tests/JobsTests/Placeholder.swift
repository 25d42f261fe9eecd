// Placeholder so the JobsTests target resolves while its tests are written.
