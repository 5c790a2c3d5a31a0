#!/usr/bin/env bash
# Regenerates test/fixtures/terraform-plan/*/plan.json from each case's config/ folder: real plans made by
# Terraform and the AWS provider, offline (dummy credentials, no account lookup, no refresh).
#
#   scripts/terraform-plan-fixtures.sh [CASE...]
#
# The configurations are kept as *.tf.txt so that neither the fixture tests nor a scan of the repository
# take them for Terraform modules; they are copied to a temporary folder as *.tf. A config/terraform.tfstate
# is the prior state (the plan then runs with -refresh=false). Cases listed in PRETTY are written as
# `terraform show -json | jq .` (as people often save them), the others as Terraform prints them.
#
# Needs terraform (1.11) and the AWS provider in a filesystem mirror: TF_PLUGIN_MIRROR, default
# /opt/tf-plugins (registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/...). Expectations
# (expected.json) are written by hand: check them after regenerating.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FIXTURES="$ROOT/test/fixtures/terraform-plan"
MIRROR="${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"
PRETTY="update"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cat > "$WORK/cli.tfrc" <<CONFIG
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
CONFIG
export TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

if [ "$#" -gt 0 ]; then cases=("$@"); else cases=(); for dir in "$FIXTURES"/*/config; do cases+=("$(basename "$(dirname "$dir")")"); done; fi

for name in "${cases[@]}"; do
  config="$FIXTURES/$name/config"
  [ -d "$config" ] || { echo "no such case: $name" >&2; exit 1; }
  module="$WORK/$name"
  mkdir -p "$module"
  cp -R "$config/." "$module/"
  find "$module" -name '*.tf.txt' -exec sh -c 'mv "$1" "${1%.txt}"' _ {} \;
  refresh=()
  [ -f "$module/terraform.tfstate" ] && refresh=(-refresh=false)
  (
    cd "$module"
    terraform init -input=false -no-color >/dev/null
    terraform plan -input=false -no-color -lock=false "${refresh[@]}" -out plan.tfplan >/dev/null
    terraform show -json plan.tfplan > plan.json
  )
  if [[ " $PRETTY " == *" $name "* ]]; then jq . "$module/plan.json" > "$FIXTURES/$name/plan.json"; else cp "$module/plan.json" "$FIXTURES/$name/plan.json"; fi
  echo "$name: $(wc -c < "$FIXTURES/$name/plan.json") bytes"
done
