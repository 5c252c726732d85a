/** Who is calling, as proven by their token: an Entra user in an Entra tenant. */
export interface Principal {
  tenantId: string;
  userId: string;
  name: string;
}
