"""`zwgk calendar`: the 村（居）务公开 calendar a town or street keeps for its villages and communities.

Why: the district's notice (二.13) has every 镇街 see to it that each 村（居） publishes its items at
least every quarter, the village finances every month (《中华人民共和国村民委员会组织法》第三十条).
The catalogue says which items reach the 村（居） level and how often (`Item.frequency`); this
package turns that into dated postings for a year (`plan`), written as a phone calendar (`ics`),
a checklist workbook (`workbook`) and a printable page per village (`page`).
"""
