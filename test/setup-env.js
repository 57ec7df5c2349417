/** Every jest worker: no AWS instance-metadata lookups, no DNS queries for webhook host names. */
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.STUDIO_OFFLINE_DNS = 'true';
