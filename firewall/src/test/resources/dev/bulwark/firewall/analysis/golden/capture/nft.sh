#!/bin/bash
# Captures the scenario nft-native: native.nft loaded with `nft -f` into the lab's server.
. "$(dirname "$0")/lab.sh"
OUT=$HERE/../nft-native; mkdir -p "$OUT"; rm -f "$OUT"/*.t* "$OUT"/*.json
lab_up
n $SRV nft -f "$HERE/native.nft"
lab_server_listen
EXTRA_TCP="2222 4444 8080" lab_probe_all
lab_capture nft
lab_down
