/**
 * Stable identifiers of the fictional demo municipalities and their people.
 * Fixed so that dev tooling (the Agents Playground config, docs, tests) can
 * point at a known demo user without reading the database first.
 */
export const demoTenants = {
  beekvliet: { id: '7d1f3c52-8a4b-4e0f-9c21-5b6a1e9f0a11', name: 'Gemeente Beekvliet' },
  heidebos: { id: '3a9e6b10-2c4d-4f8e-b7a1-9d0c5e2f4b22', name: 'Gemeente Heidebos' },
} as const;

/** Entra object ids (oid) of the demo users who have a Teams account. */
export const demoUsers = {
  coordinator: 'a1000000-0000-4000-8000-000000000001', // Lotte Peeters, lokale coördinator (Beekvliet)
  chair: 'a1000000-0000-4000-8000-000000000002', // Marc Wouters, voorzitter stuurgroep (OCMW-voorzitter)
  facilitator: 'a1000000-0000-4000-8000-000000000003', // Ines Vermeulen, externe begeleider (both tenants)
  aldermanEducation: 'a1000000-0000-4000-8000-000000000004', // Karim El Amrani, schepen
  aldermanWelfare: 'a1000000-0000-4000-8000-000000000005', // Griet Janssens, schepen
  workGroupChair: 'a1000000-0000-4000-8000-000000000006', // Sofie Claes, werkgroepvoorzitter onderwijs en vrije tijd
  actionOwner: 'a1000000-0000-4000-8000-000000000007', // Tom Maes, werkgroeplid en actie-eigenaar
  steeringMember: 'a1000000-0000-4000-8000-000000000008', // Hilde Goossens, stuurgroeplid (CAW)
  trustedPerson: 'a1000000-0000-4000-8000-000000000009', // Nadia Benali, vertrouwenspersoon
  admin: 'a1000000-0000-4000-8000-000000000010', // Jan Verbeke, Kansrijk-beheerder (ICT, Beekvliet)
  heidebosCoordinator: 'b2000000-0000-4000-8000-000000000001', // Bram De Smet, coördinator (Heidebos)
  heidebosAdmin: 'b2000000-0000-4000-8000-000000000010', // Els Wuyts, Kansrijk-beheerder (ICT, Heidebos)
} as const;
