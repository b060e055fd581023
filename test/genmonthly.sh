#!/bin/sh
# genmonthly.sh DIR: write a monthly archive of credential reports into DIR,
# six months (2024-01-01 to 2024-06-01) of two accounts, for the history
# tests (test/histmonthly.sh, test/crossformat.sh):
#   DIR/111111111111/2024-MM-01.csv   AWS CSV; as of its latest timestamp
#       root key 1 active in January-March, inactive in April, deleted in
#       May and June; no root MFA in February; a root signing certificate
#       active in June; the root never used
#   DIR/111111111111/2024-03-01-copy.csv   the March report again (a
#       duplicate: the same bytes, so the same SHA-256)
#   DIR/222222222222/2024-MM-01.json  `aws iam get-credential-report`
#       output (base64 CSV, GeneratedTime 2024-MM-01T12:00:00Z); no root
#       key, root MFA on, the root's password used on each report's day
set -eu
D=$1
H='user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated'
NOKEY='false,N/A,N/A,N/A,N/A'
mkdir -p "$D/111111111111" "$D/222222222222"
for m in 1 2 3 4 5 6; do
	day=2024-0$m-01
	mfa=true
	[ "$m" = 2 ] && mfa=false
	case $m in
	1 | 2 | 3) key1='true,2023-12-01T09:00:00+00:00,N/A,N/A,N/A' ;;
	4) key1='false,2023-12-01T09:00:00+00:00,N/A,N/A,N/A' ;;
	*) key1=$NOKEY ;;
	esac
	cert='false,N/A'
	[ "$m" = 6 ] && cert='true,2024-05-20T09:00:00+00:00'
	{
		echo "$H"
		echo "<root_account>,arn:aws:iam::111111111111:root,2019-03-04T10:00:00+00:00,not_supported,N/A,not_supported,not_supported,$mfa,$key1,$NOKEY,$cert,false,N/A"
		echo "alice,arn:aws:iam::111111111111:user/alice,2020-01-15T12:00:00+00:00,true,${day}T06:00:00+00:00,2023-11-01T12:00:00+00:00,N/A,true,$NOKEY,$NOKEY,false,N/A,false,N/A"
	} >"$D/111111111111/$day.csv"
	csv=$({
		echo "$H"
		echo "<root_account>,arn:aws:iam::222222222222:root,2018-05-06T10:00:00+00:00,not_supported,${day}T05:00:00+00:00,not_supported,not_supported,true,$NOKEY,$NOKEY,false,N/A,false,N/A"
		echo "bob,arn:aws:iam::222222222222:user/bob,2021-02-03T12:00:00+00:00,true,${day}T04:00:00+00:00,2023-10-01T12:00:00+00:00,N/A,true,$NOKEY,$NOKEY,false,N/A,false,N/A"
	} | base64 -w0)
	printf '{\n    "Content": "%s",\n    "ReportFormat": "text/csv",\n    "GeneratedTime": "%sT12:00:00+00:00"\n}\n' \
		"$csv" "$day" >"$D/222222222222/$day.json"
done
cp "$D/111111111111/2024-03-01.csv" "$D/111111111111/2024-03-01-copy.csv"
