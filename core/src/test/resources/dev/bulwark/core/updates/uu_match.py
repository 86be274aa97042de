"""Runs unattended-upgrades' own origin matching on a corpus (Bulwark's cross-check).

usage: python3 uu_match.py /usr/bin/unattended-upgrade < corpus
stdin: "D<TAB>distro_id<TAB>distro_codename", then "O<TAB>o<TAB>l<TAB>a<TAB>n<TAB>c<TAB>site" per
package file, then "C<TAB>allowed<TAB>patterns" per case, list items separated by U+001F.
stdout: one line per case, per package file "1" (selected), "0" (not) or "E:<exception>".
"""
import importlib.machinery
import importlib.util
import sys
import types

import apt_pkg

path = sys.argv[1]
loader = importlib.machinery.SourceFileLoader("unattended_upgrade", path)
spec = importlib.util.spec_from_loader("unattended_upgrade", loader)
uu = importlib.util.module_from_spec(spec)
loader.exec_module(uu)
apt_pkg.init_config()

origins = []
for raw in sys.stdin.read().split("\n"):
    if not raw:
        continue
    f = raw.split("\t")
    if f[0] == "D":
        uu.DISTRO_ID, uu.DISTRO_CODENAME = f[1], f[2]
    elif f[0] == "O":
        origins.append(types.SimpleNamespace(origin=f[1], label=f[2], archive=f[3], codename=f[4],
                                             component=f[5], site=f[6]))
    elif f[0] == "C":
        for key, items in (("Unattended-Upgrade::Allowed-Origins", f[1]),
                           ("Unattended-Upgrade::Origins-Pattern", f[2])):
            apt_pkg.config.clear(key)
            for item in (items.split("\x1f") if items else []):
                apt_pkg.config.set(key + "::", item)
        try:
            allowed = uu.get_allowed_origins()
            verdicts = []
            for origin in origins:
                try:
                    verdicts.append("1" if uu.is_allowed_origin(origin, allowed) else "0")
                except Exception as e:  # noqa: BLE001 - the verdict is the exception's type
                    verdicts.append("E:" + type(e).__name__)
            print(" ".join(verdicts))
        except Exception as e:  # noqa: BLE001
            print(" ".join("E:" + type(e).__name__ for _ in origins))
