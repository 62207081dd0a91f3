output "region" {
  description = "Region of the cluster and data stores."
  value       = var.region
}

output "cluster_name" {
  description = "EKS cluster name: aws eks update-kubeconfig --name <this>."
  value       = module.eks.cluster_name
}

output "vpc_cidr" {
  description = "VPC CIDR: session-service's trusted proxies (the gateway pods) and the data stores' egress range in the eks overlay."
  value       = module.vpc.vpc_cidr_block
}

output "load_balancer_cidrs" {
  description = "Public subnets, where the ALB's nodes are: the only peers whose X-Forwarded-For the gateway believes."
  value       = join(",", module.vpc.public_subnets_cidr_blocks)
}

output "ecr_repository_urls" {
  description = "Image repository per service."
  value       = { for service, repo in module.ecr : service => repo.repository_url }
}

output "certificate_arn" {
  description = "ACM certificate of the public host, for the ALB."
  value       = module.acm.acm_certificate_arn
}

output "resource_scanner_role_arn" {
  description = "IAM role of the resource-scanner ServiceAccount (IRSA)."
  value       = module.resource_scanner_irsa.iam_role_arn
}

output "redis_primary_endpoint" {
  description = "ElastiCache primary endpoint (TLS, auth token in redis_secret_arn)."
  value       = module.redis.replication_group_primary_endpoint_address
}

output "redis_secret_arn" {
  description = "Secrets Manager secret with the Redis auth token."
  value       = aws_secretsmanager_secret.redis.arn
}

output "rds_address" {
  description = "RDS PostgreSQL host name."
  value       = module.rds.db_instance_address
}

output "rds_master_secret_arn" {
  description = "Secrets Manager secret of the RDS admin user (managed and rotated by RDS)."
  value       = module.rds.db_instance_master_user_secret_arn
}

output "monitoring_db_secret_arn" {
  description = "Secrets Manager secret with the monitoring-service database role."
  value       = aws_secretsmanager_secret.service_db["monitoring"].arn
}

output "scanner_db_secret_arn" {
  description = "Secrets Manager secret with the resource-scanner database role."
  value       = aws_secretsmanager_secret.service_db["scanner"].arn
}
