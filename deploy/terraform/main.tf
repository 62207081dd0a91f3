data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  azs     = slice(data.aws_availability_zones.available.names, 0, 3)
  tags    = merge({ Project = var.name, ManagedBy = "terraform" }, var.tags)
  service = ["tracker-gateway", "session-service", "monitoring-service", "resource-scanner"]
}

# ---------------------------------------------------------------- network: 3 zones, public/private/database subnets
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.21"

  name = var.name
  cidr = var.vpc_cidr
  azs  = local.azs

  public_subnets   = [for i in range(3) : cidrsubnet(var.vpc_cidr, 8, i)]
  private_subnets  = [for i in range(3) : cidrsubnet(var.vpc_cidr, 4, i + 1)]
  database_subnets = [for i in range(3) : cidrsubnet(var.vpc_cidr, 8, i + 100)]

  create_database_subnet_group    = true
  create_elasticache_subnet_group = false

  # one NAT gateway per zone: a zone outage does not cut the others off the AWS APIs
  enable_nat_gateway     = true
  one_nat_gateway_per_az = true
  enable_dns_hostnames   = true

  public_subnet_tags  = { "kubernetes.io/role/elb" = 1 }
  private_subnet_tags = { "kubernetes.io/role/internal-elb" = 1 }
}

# ---------------------------------------------------------------- EKS with one managed node group
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.31"

  cluster_name    = var.name
  cluster_version = var.kubernetes_version

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  cluster_endpoint_public_access           = true
  enable_irsa                              = true
  enable_cluster_creator_admin_permissions = true

  cluster_addons = {
    coredns    = {}
    kube-proxy = {}
    # NetworkPolicies in k8s/ are enforced by the VPC CNI's network policy agent
    vpc-cni = {
      before_compute       = true
      configuration_values = jsonencode({ enableNetworkPolicy = "true" })
    }
  }

  eks_managed_node_groups = {
    default = {
      instance_types = var.node_instance_types
      min_size       = var.node_min_size
      max_size       = var.node_max_size
      desired_size   = var.node_min_size
    }
  }
}

# ---------------------------------------------------------------- ElastiCache Redis: replicated, TLS, auth token
resource "random_password" "redis_auth" {
  length  = 48
  special = false
}

module "redis" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "~> 1.4"

  replication_group_id = var.name
  description          = "Presence, rate limits and event streams of ${var.name}"

  engine_version             = "7.1"
  node_type                  = var.redis_node_type
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true

  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
  auth_token                 = random_password.redis_auth.result

  create_cluster           = false
  create_replication_group = true

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.database_subnets
  security_group_rules = {
    from_nodes = {
      description                  = "Redis from the EKS nodes (pods use the node network through the VPC CNI)"
      referenced_security_group_id = module.eks.node_security_group_id
    }
  }

  create_parameter_group = true
  parameter_group_family = "redis7"
}

# ---------------------------------------------------------------- RDS PostgreSQL: Multi-AZ, encrypted, backed up
module "rds_security_group" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "~> 5.3"

  name   = "${var.name}-postgres"
  vpc_id = module.vpc.vpc_id

  ingress_with_source_security_group_id = [{
    rule                     = "postgresql-tcp"
    description              = "PostgreSQL from the EKS nodes"
    source_security_group_id = module.eks.node_security_group_id
  }]
}

module "rds" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.12"

  identifier = var.name

  engine               = "postgres"
  engine_version       = "17"
  family               = "postgres17"
  major_engine_version = "17"
  instance_class       = var.rds_instance_class

  allocated_storage     = var.rds_allocated_storage
  max_allocated_storage = var.rds_allocated_storage * 5
  storage_encrypted     = true

  # the admin user; the services get their own roles from the database-bootstrap Job in k8s/
  db_name                     = "postgres"
  username                    = "tracker_admin"
  manage_master_user_password = true

  multi_az               = true
  db_subnet_group_name   = module.vpc.database_subnet_group_name
  vpc_security_group_ids = [module.rds_security_group.security_group_id]

  backup_retention_period          = var.backup_retention_days
  backup_window                    = "02:00-03:00"
  maintenance_window               = "Mon:03:30-Mon:04:30"
  deletion_protection              = true
  skip_final_snapshot              = false
  final_snapshot_identifier_prefix = "${var.name}-final"

  performance_insights_enabled = true

  parameters = [{
    name  = "rds.force_ssl"
    value = "1"
  }]
}

# ---------------------------------------------------------------- secrets the cluster reads (deploy/k8s-secrets.sh eks)
resource "aws_secretsmanager_secret" "redis" {
  name = "${var.name}/redis"
}

resource "aws_secretsmanager_secret_version" "redis" {
  secret_id     = aws_secretsmanager_secret.redis.id
  secret_string = jsonencode({ auth_token = random_password.redis_auth.result })
}

resource "random_password" "service_db" {
  for_each = toset(["monitoring", "scanner"])
  length   = 32
  special  = false
}

resource "aws_secretsmanager_secret" "service_db" {
  for_each = random_password.service_db
  name     = "${var.name}/${each.key}-db"
}

resource "aws_secretsmanager_secret_version" "service_db" {
  for_each      = random_password.service_db
  secret_id     = aws_secretsmanager_secret.service_db[each.key].id
  secret_string = jsonencode({ username = each.key, password = each.value.result })
}

# ---------------------------------------------------------------- images
module "ecr" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "~> 2.3"

  for_each = toset(local.service)

  repository_name                 = "${var.name}/${each.key}"
  repository_image_tag_mutability = "IMMUTABLE"
  repository_image_scan_on_push   = true

  repository_lifecycle_policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "keep the last 50 images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 50 }
      action       = { type = "expire" }
    }]
  })
}

# ---------------------------------------------------------------- TLS certificate of the public host
module "acm" {
  source  = "terraform-aws-modules/acm/aws"
  version = "~> 5.1"

  domain_name         = var.domain_name
  zone_id             = var.route53_zone_id
  validation_method   = "DNS"
  wait_for_validation = true
}
