ufw --force enable
ufw allow 22/tcp
ufw allow 80,443/tcp
