package io.trackersuite.scanner.actions;

import io.trackersuite.scanner.inventory.ResourceType;

/**
 * The original tracker identified Lambda functions and load balancers by ARN; actions take their names. An ARN of
 * the matching type gives its name, anything else is returned as it came.
 */
final class ResourceArns {

    private ResourceArns() {
    }

    static String nameOf(ResourceType type, String id) {
        if (id == null || !id.startsWith("arn:")) {
            return id;
        }
        String[] parts = id.split(":", 7);
        if (type == ResourceType.LAMBDA_FUNCTION && parts.length >= 7 && "lambda".equals(parts[2])
                && parts[5].equals("function")) {
            int qualifier = parts[6].indexOf(':');
            return qualifier < 0 ? parts[6] : parts[6].substring(0, qualifier);
        }
        // arn:aws:elasticloadbalancing:region:account:loadbalancer/app/<name>/<id> (or net/, or a classic <name>)
        if ((type == ResourceType.LOAD_BALANCER || type == ResourceType.CLASSIC_LOAD_BALANCER) && parts.length >= 6
                && "elasticloadbalancing".equals(parts[2]) && parts[5].startsWith("loadbalancer/")) {
            String[] path = parts[5].split("/");
            return path.length >= 4 ? path[2] : path[path.length - 1];
        }
        return id;
    }
}
