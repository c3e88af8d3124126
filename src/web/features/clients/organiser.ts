import { NO_RIGHT_OF_RESIDENCE_STATUSES } from '../../../domain/codes';

export type Organiser = 'wellbeing_services_county' | 'reception_centre';

/** Why the organiser is the one it is, in words the page shows. */
export type OrganiserBasis = 'municipal_resident' | 'no_municipality' | 'no_right_of_residence' | 'status_unknown';

export interface OrganiserOfServices {
  organiser: Organiser;
  basis: OrganiserBasis;
}

/**
 * Who organises a client's services, from their right of residence (domain.md §1.3): a municipal
 * resident — someone whose status lets them have a municipality of residence, and who has one
 * recorded — is served by the wellbeing services county; everyone else by the reception centre.
 */
export function serviceOrganiser(residenceStatus: string, municipalityRecorded: boolean): OrganiserOfServices {
  if (residenceStatus === 'unknown') return { organiser: 'reception_centre', basis: 'status_unknown' };
  if ((NO_RIGHT_OF_RESIDENCE_STATUSES as readonly string[]).includes(residenceStatus)) return { organiser: 'reception_centre', basis: 'no_right_of_residence' };
  if (!municipalityRecorded) return { organiser: 'reception_centre', basis: 'no_municipality' };
  return { organiser: 'wellbeing_services_county', basis: 'municipal_resident' };
}
