variable "region" {
  description = "AWS region of the suite (the scanner still inventories every region)."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Name prefix of every resource; also the ECR repository prefix (<name>/<service>)."
  type        = string
  default     = "tracker-suite"
}

variable "domain_name" {
  description = "Public host name of the tracker, e.g. tracker.example.com; gets an ACM certificate."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone that holds domain_name, for the certificate's DNS validation."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR of the VPC; split into public, private and database subnets over three zones."
  type        = string
  default     = "10.0.0.0/16"
}

variable "kubernetes_version" {
  description = "EKS control plane version."
  type        = string
  default     = "1.33"
}

variable "node_instance_types" {
  description = "Instance types of the managed node group (several, for spot-like capacity choices)."
  type        = list(string)
  default     = ["m6i.large", "m5.large"]
}

variable "node_min_size" {
  description = "Fewest nodes; at least one per zone."
  type        = number
  default     = 3
}

variable "node_max_size" {
  description = "Most nodes the group may grow to when the HorizontalPodAutoscalers add pods."
  type        = number
  default     = 9
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.medium"
}

variable "rds_instance_class" {
  description = "RDS instance class of the PostgreSQL database."
  type        = string
  default     = "db.t4g.medium"
}

variable "rds_allocated_storage" {
  description = "Initial storage in GiB; grows automatically up to five times this."
  type        = number
  default     = 20
}

variable "backup_retention_days" {
  description = "Days of automated RDS backups (point-in-time recovery window)."
  type        = number
  default     = 14
}

variable "scanner_actions_enabled" {
  description = "Attach the stop/delete policy to the scanner's role; false leaves it read-only."
  type        = bool
  default     = true
}

variable "protected_tag_key" {
  description = "Resources carrying this tag with value \"true\" can never be stopped or deleted by the scanner's role."
  type        = string
  default     = "tracker-suite:protected"
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
