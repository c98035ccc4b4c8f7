-- A resigning host's listed spaces are looked up by host.
CREATE INDEX booking_space_terms_host ON booking_space_terms (host_id);
