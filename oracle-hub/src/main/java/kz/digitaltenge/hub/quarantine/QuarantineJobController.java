package kz.digitaltenge.hub.quarantine;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Bulk retry and reject as background jobs ({@link QuarantineJobs}), for the admin UI's progress bar. */
@RestController
@Tag(name = "quarantine", description = "failed messages: review, retry, edit-and-retry, reject, audit")
@RequestMapping(path = "/api/quarantine/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
public class QuarantineJobController {
    private final QuarantineJobs jobs;

    public QuarantineJobController(QuarantineJobs jobs) {
        this.jobs = jobs;
    }

    @Operation(summary = "Start a job: {action: RETRY|REJECT, reasonCode | source | ids, reason (to reject)}; its"
            + " entries are the group's QUARANTINED ones now (at most 10,000); 202 with the job to follow")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<QuarantineJobs.View> start(@RequestBody QuarantineJobs.Request request, Principal principal) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.start(request, QuarantineController.actor(principal)));
    }

    @Operation(summary = "A job: progress (done of total), a result per entry, and newFailures: failures of the group"
            + " that arrived while it ran")
    @GetMapping("/{id}")
    public QuarantineJobs.View get(@PathVariable long id) {
        return jobs.find(id);
    }
}
