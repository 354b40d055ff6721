/** The ProFTPD configuration of the local stack: loopback only, passive mode, optional explicit TLS. */
import path from 'node:path';
import { STACK_HOST } from '../paths';
import type { StackPorts } from '../paths';

/** Folders of the FTP root whose name starts with this are served slowly (see THROTTLED_KBPS). */
export const THROTTLED_PREFIX = 'throttled-';
/** The download rate of throttled folders, in KB/s. */
export const THROTTLED_KBPS = 512;

export function proftpdConfig(c: {
  ports: Pick<StackPorts, 'ftp' | 'ftpPassiveFirst' | 'ftpPassiveLast'>;
  dir: string;
  certFile: string;
  keyFile: string;
  userFile: string;
  groupFile: string;
  pidFile: string;
  logDir: string;
}): string {
  return `# Written by the edreflect local stack at every start: edit stack/services/ftp-config.ts instead.
ServerName "edreflect local stack"
ServerType standalone
UseIPv6 off
DefaultAddress ${STACK_HOST}
SocketBindTight on
Port ${c.ports.ftp}
PassivePorts ${c.ports.ftpPassiveFirst} ${c.ports.ftpPassiveLast}
MasqueradeAddress ${STACK_HOST}
User nobody
Group nogroup
PidFile ${c.pidFile}
ScoreboardFile ${path.join(c.dir, 'proftpd.scoreboard')}
DelayEngine off
ControlsEngine off
WtmpLog off
UseReverseDNS off
TransferLog ${path.join(c.logDir, 'ftp-transfers.log')}
AuthPAM off
AuthOrder mod_auth_file.c
AuthUserFile ${c.userFile}
AuthGroupFile ${c.groupFile}
RequireValidShell off
DefaultRoot ~
Umask 022
AllowOverwrite on
MaxInstances 50
ModulePath /usr/lib/proftpd
LoadModule mod_tls.c
<IfModule mod_tls.c>
  TLSEngine on
  TLSLog ${path.join(c.logDir, 'ftp-tls.log')}
  TLSProtocol TLSv1.2 TLSv1.3
  TLSRSACertificateFile ${c.certFile}
  TLSRSACertificateKeyFile ${c.keyFile}
  TLSVerifyClient off
  TLSRequired off
  TLSOptions NoSessionReuseRequired
</IfModule>
<Directory ~>
  <Limit WRITE>
    AllowAll
  </Limit>
</Directory>
# Folders named throttled-* are served at ${THROTTLED_KBPS} KB/s, so that a fault test can stop the server while a
# download is under way (test/faults/outages.test.ts); every other folder at full speed.
<Directory ~/${THROTTLED_PREFIX}*>
  TransferRate RETR ${THROTTLED_KBPS}
</Directory>
`;
}
