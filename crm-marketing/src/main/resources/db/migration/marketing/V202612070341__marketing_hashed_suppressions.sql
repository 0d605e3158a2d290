-- An erased person stays unsubscribed without their address being kept: their suppression row
-- holds 'sha256:' + the hex SHA-256 of the lower-case address. Every suppression check asks for
-- both forms of an address.
create function suppression_keys(address text) returns text[]
    language sql immutable parallel safe as $$
    select array[lower(trim(address)),
                 'sha256:' || encode(sha256(convert_to(lower(trim(address)), 'UTF8')), 'hex')]
$$;
