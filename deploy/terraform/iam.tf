# IAM roles for service accounts. resource-scanner: a read-only inventory policy, plus a separate policy for the
# stop/delete actions that never applies to protected resources. The gateway and the other services get none.
# Both grant exactly what the scanner calls: resource-scanner's IamPolicyTest compares them with every AWS call a
# scan and each action make against the stub.

data "aws_iam_policy_document" "scanner_read" {
  statement {
    sid = "Inventory"
    actions = [
      "ec2:Describe*",
      "elasticloadbalancing:Describe*",
      "rds:Describe*",
      "lambda:List*",
      "lambda:GetFunction",
      "s3:ListAllMyBuckets",
      "s3:GetBucketLocation",
      "s3:GetBucketTagging",
      "s3:ListBucketVersions",
      "iam:GetAccountAuthorizationDetails",
      "logs:DescribeLogGroups",
      "logs:ListTagsForResource",
      "cloudwatch:GetMetricData",
      "dynamodb:ListTables",
      "dynamodb:DescribeTable",
      "dynamodb:ListTagsOfResource",
      "elasticache:Describe*",
      "elasticache:ListTagsForResource",
      "ecs:List*",
      "ecs:Describe*",
      "eks:List*",
      "eks:Describe*",
      "ecr:DescribeRepositories",
      "ecr:DescribeImages",
      "ecr:ListTagsForResource",
      "tag:GetResources",
    ]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "scanner_actions" {
  statement {
    sid = "StopAndDeleteUnprotected"
    actions = [
      "ec2:StopInstances",
      "ec2:StartInstances",
      "ec2:TerminateInstances",
      "ec2:DeleteVolume",
      "ec2:ReleaseAddress",
      "ec2:DeleteNatGateway",
      "rds:StopDBInstance",
      "rds:StartDBInstance",
      "rds:DeleteDBInstance",
      "lambda:DeleteFunction",
      "elasticloadbalancing:DeleteLoadBalancer",
      "logs:DeleteLogGroup",
      "s3:DeleteBucket",
      "ecr:DeleteRepository",
    ]
    resources = ["*"]

    # defence in depth: even a bug in the scanner cannot touch a resource tagged as protected
    condition {
      test     = "StringNotEquals"
      variable = "aws:ResourceTag/${var.protected_tag_key}"
      values   = ["true"]
    }
  }
}

resource "aws_iam_policy" "scanner_read" {
  name   = "${var.name}-scanner-read"
  policy = data.aws_iam_policy_document.scanner_read.json
}

resource "aws_iam_policy" "scanner_actions" {
  name   = "${var.name}-scanner-actions"
  policy = data.aws_iam_policy_document.scanner_actions.json
}

module "resource_scanner_irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"
  version = "~> 5.52"

  role_name = "${var.name}-resource-scanner"
  role_policy_arns = merge(
    { read = aws_iam_policy.scanner_read.arn },
    var.scanner_actions_enabled ? { actions = aws_iam_policy.scanner_actions.arn } : {},
  )

  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["tracker-suite:resource-scanner"]
    }
  }
}

# ---------------------------------------------------------------- AWS Load Balancer Controller (ALB for the Ingress)
module "load_balancer_controller_irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"
  version = "~> 5.52"

  role_name                              = "${var.name}-load-balancer-controller"
  attach_load_balancer_controller_policy = true

  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["kube-system:aws-load-balancer-controller"]
    }
  }
}

resource "helm_release" "load_balancer_controller" {
  name       = "aws-load-balancer-controller"
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  version    = "1.13.3"
  namespace  = "kube-system"

  set {
    name  = "clusterName"
    value = module.eks.cluster_name
  }
  set {
    name  = "vpcId"
    value = module.vpc.vpc_id
  }
  set {
    name  = "region"
    value = var.region
  }
  set {
    name  = "serviceAccount.name"
    value = "aws-load-balancer-controller"
  }
  set {
    name  = "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn"
    value = module.load_balancer_controller_irsa.iam_role_arn
  }
}
