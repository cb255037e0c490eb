/**
 * The demo topic catalogue: products, technologies, industries and kinds of
 * problem, each with aliases in en, de, nl, da and sv. The six story topics
 * (utils/demo/story.ts) come first in the generated graph; these are the rest.
 * Aliases avoid plain everyday words so that page text does not match them
 * by accident.
 */
import type { Topic } from '../graph/model';

type Row = [id: string, label: string, kind: Topic['kind'], aliases: string[]];

// Data: the topic catalogue, one row per topic, alike in shape by design.
const ROWS: Row[] = [
  // products
  ['t-sap-bw', 'SAP BW/4HANA', 'product', ['BW/4HANA', 'SAP Business Warehouse']],
  ['t-sap-ariba', 'SAP Ariba', 'product', ['Ariba']],
  ['t-successfactors', 'SAP SuccessFactors', 'product', ['SuccessFactors']],
  ['t-dynamics-fo', 'Dynamics 365 Finance & Operations', 'product', ['D365 F&O', 'Dynamics AX']],
  ['t-business-central', 'Business Central', 'product', ['Dynamics NAV', 'Navision']],
  ['t-servicenow', 'ServiceNow ITSM', 'product', ['ServiceNow']],
  ['t-sharepoint', 'SharePoint Online', 'product', ['SharePoint']],
  ['t-power-bi', 'Power BI', 'product', ['PowerBI', 'Power-BI-Berichte', 'Power BI-rapportage']],
  ['t-tableau', 'Tableau dashboards', 'product', ['Tableau']],
  ['t-jira', 'Jira Service Management', 'product', ['Jira', 'JSM']],
  ['t-tms', 'Transport management system', 'product', ['TMS', 'Transportmanagementsystem', 'transportbeheersysteem', 'transportstyringssystem', 'transportledningssystem']],
  ['t-yard', 'Yard management', 'product', ['Hofmanagement', 'yardbeheer', 'gårdsstyring']],
  ['t-mes', 'Manufacturing execution system', 'product', ['MES', 'Fertigungsleitsystem', 'productiebesturingssysteem', 'produktionsstyringssystem', 'tillverkningsstyrsystem']],
  ['t-plm', 'Product lifecycle management', 'product', ['PLM', 'Produktlebenszyklusmanagement', 'productlevenscyclusbeheer']],
  ['t-pim', 'Product information management', 'product', ['PIM', 'Produktinformationsmanagement', 'productinformatiebeheer']],
  ['t-eprocurement', 'E-procurement portal', 'product', ['E-Procurement', 'elektronische Beschaffung', 'e-inkoop', 'e-indkøb', 'e-upphandling']],
  ['t-payroll', 'Payroll outsourcing', 'product', ['Lohnabrechnung', 'salarisadministratie', 'lønadministration', 'löneadministration']],
  ['t-field-service', 'Field service management', 'product', ['Außendienststeuerung', 'buitendienstplanning', 'feltservicestyring', 'fältservicehantering']],
  ['t-cpq', 'Configure, price, quote', 'product', ['CPQ', 'Angebotskonfigurator', 'offerteconfigurator']],
  ['t-loyalty', 'Loyalty programme', 'product', ['Kundenbindungsprogramm', 'loyaliteitsprogramma', 'loyalitetsprogram', 'lojalitetsprogram']],
  ['t-pos', 'Point of sale system', 'product', ['Kassensystem', 'kassasysteem', 'kassesystem', 'kassasystem']],
  ['t-smart-meter', 'Smart metering', 'product', ['Smart Meter Gateway', 'slimme meter', 'fjernaflæste målere', 'smarta elmätare']],
  ['t-esg-reporting', 'ESG reporting', 'product', ['CSRD', 'Nachhaltigkeitsbericht', 'duurzaamheidsverslag', 'bæredygtighedsrapport', 'hållbarhetsredovisning']],
  ['t-e-invoicing', 'E-invoicing', 'product', ['PEPPOL', 'XRechnung', 'E-Rechnung', 'e-facturatie', 'e-fakturering']],
  // technologies
  ['t-kubernetes', 'Kubernetes', 'technology', ['K8s', 'OpenShift']],
  ['t-terraform', 'Terraform', 'technology', ['Infrastructure as Code', 'IaC']],
  ['t-azure-migration', 'Azure migration', 'technology', ['Azure-Migration', 'Azure-migratie', 'Azure-migrering']],
  ['t-aws-landing-zone', 'AWS landing zone', 'technology', ['AWS Control Tower', 'AWS-Landing-Zone']],
  ['t-data-lake', 'Data lakehouse', 'technology', ['Databricks', 'Data Lake', 'Lakehouse']],
  ['t-snowflake', 'Snowflake data warehouse', 'technology', ['Snowflake']],
  ['t-kafka', 'Event streaming', 'technology', ['Apache Kafka', 'Kafka', 'Event-Streaming']],
  ['t-api-gateway', 'API management', 'technology', ['API-Gateway', 'API-Management', 'API-beheer', 'API-styring', 'API-hantering']],
  ['t-iot', 'Industrial IoT', 'technology', ['IIoT', 'Industrie 4.0', 'industrieel internet der dingen', 'industriel IoT', 'industriell IoT']],
  ['t-ocr', 'Document capture and OCR', 'technology', ['OCR', 'Belegerfassung', 'documentherkenning', 'dokumentgenkendelse', 'dokumentigenkänning']],
  ['t-rpa', 'Robotic process automation', 'technology', ['RPA', 'UiPath', 'Prozessautomatisierung', 'procesautomatisering', 'processautomatisering']],
  ['t-genai', 'Generative AI assistants', 'technology', ['GenAI', 'Copilot', 'generative KI', 'generatieve AI', 'generativ AI']],
  ['t-ml-forecast', 'Demand forecasting', 'technology', ['Absatzprognose', 'vraagvoorspelling', 'efterspørgselsprognose', 'efterfrågeprognos']],
  ['t-mdm', 'Master data management', 'technology', ['MDM', 'Stammdatenmanagement', 'stamdatabeheer', 'stamdatastyring', 'masterdatahantering']],
  ['t-mfa', 'Multi-factor authentication', 'technology', ['MFA', '2FA', 'Zwei-Faktor-Authentifizierung', 'tweestapsverificatie', 'tofaktorgodkendelse', 'tvåfaktorsautentisering']],
  ['t-zero-trust', 'Zero trust networking', 'technology', ['Zero Trust', 'ZTNA']],
  ['t-sd-wan', 'SD-WAN', 'technology', ['Software-defined WAN']],
  ['t-backup', 'Backup and disaster recovery', 'technology', ['Disaster Recovery', 'Notfallwiederherstellung', 'noodherstel', 'katastrofegendannelse', 'katastrofåterställning']],
  ['t-mobile-app', 'Mobile field app', 'technology', ['mobile Außendienst-App', 'mobiele buitendienst-app']],
  ['t-webshop', 'B2B webshop', 'technology', ['B2B-Shop', 'B2B-webwinkel', 'B2B-webbutik']],
  ['t-pim-sync', 'Catalogue synchronisation', 'technology', ['GS1 GDSN', 'Katalogdatenaustausch', 'catalogussynchronisatie']],
  ['t-sftp', 'Managed file transfer', 'technology', ['SFTP', 'MFT', 'Dateitransfer', 'bestandsoverdracht', 'filoverførsel', 'filöverföring']],
  ['t-xbrl', 'XBRL filing', 'technology', ['XBRL', 'iXBRL']],
  // industries
  ['t-ind-automotive', 'Automotive suppliers', 'industry', ['Automobilzulieferer', 'toeleveranciers automotive', 'underleverandører til bilindustrien', 'fordonsunderleverantörer']],
  ['t-ind-food', 'Food processing', 'industry', ['Lebensmittelverarbeitung', 'voedselverwerking', 'fødevareforarbejdning', 'livsmedelsförädling']],
  ['t-ind-pharma', 'Pharmaceutical manufacturing', 'industry', ['Pharmaproduktion', 'farmaceutische productie', 'lægemiddelproduktion', 'läkemedelstillverkning']],
  ['t-ind-utilities', 'Utilities', 'industry', ['Energieversorger', 'nutsbedrijven', 'forsyningsselskaber', 'energibolag']],
  ['t-ind-public', 'Public sector procurement', 'industry', ['öffentliche Vergabe', 'aanbestedingen', 'offentlige udbud', 'offentlig upphandling']],
  ['t-ind-maritime', 'Maritime and ports', 'industry', ['Hafenwirtschaft', 'havenbedrijf', 'havne og søfart', 'hamnar och sjöfart']],
  ['t-ind-retail', 'Omnichannel retail', 'industry', ['Omnichannel', 'Omnichannel-Handel', 'omnikanalhandel']],
  ['t-ind-insurance', 'Insurance claims', 'industry', ['Schadenregulierung', 'schadeafhandeling', 'skadebehandling', 'skadereglering']],
  ['t-ind-banking', 'Retail banking', 'industry', ['Privatkundengeschäft', 'particulier bankieren', 'privatkundebank']],
  ['t-ind-construction', 'Construction and installation', 'industry', ['Gebäudetechnik', 'installatiebranche', 'installationsbranchen', 'installationsbranschen']],
  ['t-ind-healthcare', 'Hospitals and care', 'industry', ['Krankenhaus-IT', 'ziekenhuis-IT', 'hospitals-IT', 'sjukhus-IT']],
  ['t-ind-chemicals', 'Specialty chemicals', 'industry', ['Spezialchemie', 'specialistische chemie', 'specialkemikalier', 'specialkemi']],
  // problems
  ['t-nis2', 'NIS2 compliance', 'problem', ['NIS2', 'NIS-2-Richtlinie', 'NIS2-richtlijn', 'NIS2-direktivet']],
  ['t-dora', 'DORA compliance', 'problem', ['DORA', 'Digital Operational Resilience Act']],
  ['t-data-migration', 'Legacy data migration', 'problem', ['Altdatenübernahme', 'datamigratie', 'datamigrering']],
  ['t-performance', 'Performance degradation', 'problem', ['Performanceprobleme', 'prestatieproblemen', 'ydelsesproblemer', 'prestandaproblem']],
  ['t-outage', 'Service outage', 'problem', ['Systemausfall', 'systeemstoring', 'driftsforstyrrelse', 'driftstörning']],
  ['t-licence-audit', 'Licence audit', 'problem', ['Lizenzaudit', 'licentie-audit', 'licensrevision', 'licensgranskning']],
  ['t-churn', 'Churn risk', 'problem', ['Kündigungsrisiko', 'opzeggingsrisico', 'opsigelsesrisiko', 'uppsägningsrisk']],
  ['t-onboarding', 'User onboarding', 'problem', ['Benutzer-Onboarding', 'gebruikersonboarding', 'brugeronboarding', 'användarintroduktion']],
  ['t-vat', 'VAT and tax configuration', 'problem', ['Umsatzsteuer', 'btw-instellingen', 'momsopsætning', 'momshantering']],
  ['t-currency', 'Multi-currency', 'problem', ['Fremdwährung', 'meerdere valuta', 'flere valutaer', 'flera valutor']],
  ['t-phishing', 'Phishing incidents', 'problem', ['Phishing', 'Phishing-Angriff', 'phishingaanval', 'phishingangreb', 'nätfiske']],
  ['t-accessibility', 'Accessibility (WCAG)', 'problem', ['WCAG', 'Barrierefreiheit', 'digitale toegankelijkheid', 'tilgængelighed', 'tillgänglighet']],
  ['t-data-retention', 'Data retention', 'problem', ['Aufbewahrungsfristen', 'bewaartermijnen', 'opbevaringsfrister', 'gallringsregler']],
  ['t-warranty', 'Warranty claims', 'problem', ['Gewährleistungsansprüche', 'garantieclaims', 'garantikrav', 'garantiärenden']],
  ['t-returns', 'Returns handling', 'problem', ['Retourenabwicklung', 'retourverwerking', 'returhåndtering', 'returhantering']],
];

export const CATALOGUE_TOPICS: Topic[] = ROWS.map(([id, label, kind, aliases]) => ({ id, label, kind, aliases }));
/** The catalogue's topic ids, in catalogue order (skills and interests are indices into it). */
export const CATALOGUE_TOPIC_IDS: string[] = CATALOGUE_TOPICS.map((t) => t.id);
