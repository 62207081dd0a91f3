#!/usr/bin/env bash
# Writes k8s/overlays/eks/settings.env from the Terraform outputs of deploy/terraform, so the eks overlay points at
# this account's load balancer certificate, data stores, IAM role and VPC. Run after `terraform apply`.
#   deploy/aws/overlay-settings.sh <public host name> <OIDC issuer URL>
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ $# -ne 2 ]; then
  echo "usage: $0 <public host, e.g. tracker.example.com> <OIDC issuer URL, e.g. https://cognito-idp.../pool-id>" >&2
  exit 2
fi

out() { terraform -chdir="${ROOT}/deploy/terraform" output -raw "$1"; }

rds="$(out rds_address)"
cat >"${ROOT}/k8s/overlays/eks/settings.env" <<SETTINGS
# Written by deploy/aws/overlay-settings.sh from the Terraform outputs; values per AWS account.
PUBLIC_HOST=$1
CERTIFICATE_ARN=$(out certificate_arn)
SCANNER_ROLE_ARN=$(out resource_scanner_role_arn)
VPC_CIDR=$(out vpc_cidr)
LOAD_BALANCER_CIDRS=$(out load_balancer_cidrs)
OIDC_AUTH_SERVER_URL=$2
RDS_ADDRESS=${rds}
MONITORING_DB_URL=jdbc:postgresql://${rds}:5432/monitoring?sslmode=require
SCANNER_DB_URL=jdbc:postgresql://${rds}:5432/scanner?sslmode=require
SETTINGS
echo "k8s/overlays/eks/settings.env written"
