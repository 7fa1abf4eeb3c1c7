"""S3 server fixture (SeaweedFS)."""
