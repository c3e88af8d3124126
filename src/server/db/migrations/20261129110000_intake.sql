-- Intake work lists and who last changed applications and decisions.

ALTER TABLE application ADD COLUMN updated_by uuid REFERENCES staff_user (id);
COMMENT ON COLUMN application.updated_by IS 'Staff user who last changed the application.';

ALTER TABLE decision ADD COLUMN updated_by uuid REFERENCES staff_user (id);
COMMENT ON COLUMN decision.updated_by IS 'Staff user who last changed the decision (proposed, took, returned it or recorded the appeal).';

ALTER TABLE helpline_contact ADD COLUMN office_code text REFERENCES office (code);
COMMENT ON COLUMN helpline_contact.office_code IS 'Office whose helpline took the contact, when known.';

CREATE INDEX application_open_deadline_idx ON application (deadline) WHERE status IN ('received', 'under_assessment');
CREATE INDEX decision_proposed_idx ON decision (proposed_at) WHERE status = 'proposed';
CREATE INDEX helpline_contact_created_by_idx ON helpline_contact (created_by, at);
