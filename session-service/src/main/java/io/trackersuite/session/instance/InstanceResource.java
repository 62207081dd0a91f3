package io.trackersuite.session.instance;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/instance")
public class InstanceResource {

    private final InstanceIdentity identity;

    public InstanceResource(InstanceIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The serving instance: EC2 id, type, region, AZ, VPC and public IP, or the pod/host name")
    public InstanceInfo instance() {
        return identity.info();
    }
}
