#!/bin/bash
# Made the nft-text captures: NAME.nft loaded into a throwaway network namespace (with a veth pair
# va/vb for the netdev devices), then NAME[FLAG].txt from nft FLAG list ruleset and NAME[FLAG].json
# from nft -j FLAG list ruleset, one JSON item per line. NftTextLiveTest does the same comparison live.
# capture.sh NAME.nft OUTDIR : loads NAME.nft into a fresh namespace and saves nft list ruleset (+flags) text and JSON
set -e
in=$1; out=$2; base=$(basename "$in" .nft)
ns=nfttext-cap
ip netns del $ns 2>/dev/null || true
ip netns add $ns
ip netns exec $ns ip link set lo up
ip netns exec $ns ip link add va type veth peer name vb
cp "$in" "$out/$base.nft"
ip netns exec $ns nft -f "$in"
for f in "" -a -s -t -nn -y -p -T; do
  ip netns exec $ns nft $f list ruleset > "$out/$base$f.txt"
  ip netns exec $ns nft -j $f list ruleset | python3 -c "
import json,sys
d=json.load(sys.stdin)
print('{\"nftables\": [')
items=d['nftables']
for k,i in enumerate(items): print(json.dumps(i) + (',' if k+1<len(items) else ''))
print(']}')" > "$out/$base$f.json"
done
ip netns del $ns
